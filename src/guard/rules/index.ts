import type { GuardRule } from '../rule';
import { guardWeakenedByPullRequest } from './guard-weakened-by-pull-request';

/** Rules over a pull request's changes to the guard itself, sorted by id. */
export const guardRules: readonly GuardRule[] = [guardWeakenedByPullRequest];
