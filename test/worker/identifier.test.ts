/**
 * The identifier path in workerd, the Worker's runtime: it reads and hashes every vector exactly as the
 * operator CLI does in Node (test/unit/identifier.test.ts), so a customer who types an identifier of the
 * list is found in it.
 */
import { identifierVectors } from '../support/run-identifier-vectors.ts';

identifierVectors('workerd');
