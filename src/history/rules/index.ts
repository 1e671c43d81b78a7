import type { HistoryRule } from '../rule';
import { gitTreeBomb } from './git-tree-bomb';

/** Rules over what history shows in git's objects (not in a file), sorted by id. */
export const historyRules: readonly HistoryRule[] = [gitTreeBomb];
