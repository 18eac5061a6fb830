/**
 * The identifier path in Node, the operator CLI's runtime: it reads and hashes every vector exactly as
 * the Worker does in workerd (test/worker/identifier.test.ts), so an identifier imported from a list is
 * found when the customer types it.
 */
import { identifierVectors } from '../support/run-identifier-vectors.ts';

identifierVectors('Node');
