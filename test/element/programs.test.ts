import { configureForTests } from './run-helpers.js';
import { describePrograms } from './programs-suite.js';

configureForTests(true);
await describePrograms(true);
