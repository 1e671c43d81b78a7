import { MAX_PATHS_PER_COMMIT } from '../bounded-log';
import { defineHistoryRule } from '../rule';

const LIMIT = MAX_PATHS_PER_COMMIT.toLocaleString('en');

/** Ten files wrapped six times in a tree that lists its child ten times: 10^7 paths. */
const bombLevels = (levels: number) =>
  [
    '# files',
    '100644 blob {token}\tf{0..9}.env',
    ...Array.from({ length: levels }, (_, level) => [
      `# level${level + 1}`,
      `040000 tree {${level === 0 ? 'files' : `level${level}`}}\td{0..9}`,
    ]).flat(),
    '# commit',
    '100644 blob {readme}\tREADME.md',
    `040000 tree {level${levels}}\tassets`,
  ].join('\n') + '\n';

export const gitTreeBomb = defineHistoryRule({
  id: 'DDG391',
  name: 'git-tree-bomb',
  severity: 'high',
  fix: 'Remove the commit from every branch and tag (rewrite the branch without it, or revert it and delete the refs that still hold it), then expire the reflog and prune.',
  docs: {
    summary: `A commit holds a tree that expands to over ${LIMIT} paths: a git bomb.`,
    whatItDoes: `While the history scan lists each commit's changes, it counts the paths a commit's tree expands to from its distinct tree objects (each read once). A commit whose changes pass ${LIMIT} paths is reported with its tree and the path it sits at; that path is left out of every commit's listing, and the distinct files inside it are scanned once each. The run is also marked incomplete (exit 2), because those paths were not listed one by one. The same limit bounds HEAD's and the base commit's listings.`,
    whyBad:
      'A few kilobytes of tree objects that list their child many times expand to billions of paths: git (and any tool that walks the tree path by path) works on it for hours with its memory growing, so a required check hangs until it is removed, or a scanner gives up and sees nothing. Checking it out fills the disk. Severity high: it is an attack on the check itself, or an accident that breaks every clone.',
    badExample: { file: 'git mktree input', content: bombLevels(6) },
    goodExample: { file: 'git mktree input', content: bombLevels(3) },
    useInstead:
      'Ordinary directories: a tree lists each file or folder once. Generated or vendored data that large belongs in a package or an artifact store, not in the repository.',
    references: [
      'https://kate.io/blog/making-your-own-exploding-git-repos/',
      'https://git-scm.com/docs/git-mktree',
    ],
  },
  detect(observation) {
    const at = observation.paths.filter((path) => path !== '');
    const where =
      at.length > 0
        ? ` at ${at
            .slice(0, 3)
            .map((path) => JSON.stringify(path))
            .join(', ')}${at.length > 3 ? ` and ${at.length - 3} more` : ''}`
        : '';
    const removed =
      observation.holder !== undefined
        ? ` (commit ${observation.commit} removes it from commit ${observation.holder})`
        : '';
    return [
      {
        message: `tree ${observation.tree}${where} expands to over ${LIMIT} paths: a git bomb${removed}; its distinct files were scanned once each, its paths were not listed`,
        detail: `tree ${observation.tree}`,
      },
    ];
  },
});
