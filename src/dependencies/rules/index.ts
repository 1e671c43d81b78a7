import type { DependencyRule } from '../rule';
import { djangoUnsupported } from './django-unsupported';
import { vulnerableVersionPinned } from './vulnerable-version-pinned';

/** Rules about what the project installs (DDG4xx), sorted by id. */
export const dependencyRules = [
  djangoUnsupported, // DDG401
  vulnerableVersionPinned, // DDG402
] as const satisfies readonly DependencyRule[];
