import { configureForTests } from './run-helpers.js';
import { describePrograms } from './programs-suite.js';

// As in an engine without WebAssembly stack switching (Safari today).
configureForTests(false);
await describePrograms(false);
