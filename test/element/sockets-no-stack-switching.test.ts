import { configureForTests } from './run-helpers.js';
import { describeSockets } from './sockets-suite.js';

configureForTests(false);
describeSockets(false);
