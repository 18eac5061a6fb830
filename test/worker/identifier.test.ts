import { identifierVectors } from '../support/run-identifier-vectors.ts';

identifierVectors('workerd');
