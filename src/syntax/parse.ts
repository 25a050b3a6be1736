import { parser } from '@lezer/python';
import { analyze, type ProgramModel } from './analyze.js';

/**
 * Parses a program with Lezer's Python grammar and gathers its model in one walk: the transform and the
 * static tips both read this one model, so a run parses its code once.
 */
export function analyzeSource(source: string): ProgramModel {
  return analyze(parser.parse(source), source);
}
