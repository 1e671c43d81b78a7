/**
 * Random Python programs over the subset the settings evaluator claims, for differential testing
 * against CPython (differential.ts). Seeded: a seed always gives the same program.
 *
 * Programs assign upper-case module names (what the evaluator exports) from typed expression
 * generators, so most programs run without errors in CPython; a small share is deliberately
 * ill-typed to check that the evaluator says Unknown where CPython raises.
 */

/** mulberry32: a small seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Ty = 'int' | 'float' | 'bool' | 'str' | 'list' | 'tuple' | 'dict' | 'set' | 'none';

/** The constructs a program can contain; the CI test asserts each is generated. */
export const CONSTRUCTS = [
  'arithmetic',
  'bit operators',
  'unary operators',
  'power',
  'comparison chain',
  'boolean short-circuit',
  'not',
  'conditional expression',
  'membership',
  'identity',
  'f-string',
  'format spec',
  '%-format',
  'str.format',
  'list comprehension',
  'starred comprehension target',
  'dict comprehension',
  'set comprehension',
  'generator expression',
  'slicing',
  'indexing',
  'str methods',
  'list methods',
  'dict methods',
  'builtins',
  'function with defaults',
  'function *args/**kwargs',
  'lambda',
  'recursion',
  'closure',
  'class',
  'classmethod',
  'staticmethod',
  'inheritance',
  'if/elif/else',
  'for/else',
  'while',
  'break/continue',
  'try/except/else/finally',
  'raise',
  'with',
  'global',
  'augmented assignment',
  'unpacking',
  'starred unpacking',
  'walrus',
  'del',
  'chained assignment',
] as const;

export type Construct = (typeof CONSTRUCTS)[number];

export interface Program {
  seed: number;
  source: string;
  constructs: Set<Construct>;
}

const STR_POOL = [
  '',
  'a',
  'ab',
  'Hello',
  'x,y,z',
  ' pad ',
  'a-b-c',
  'ÄÖ',
  'DEBUG',
  '1',
  'True',
  '%s',
];
const STR_METHODS_STR = [
  'upper()',
  'lower()',
  'strip()',
  'title()',
  'capitalize()',
  'swapcase()',
  "replace('a', 'b')",
  "lstrip(' a')",
  "rstrip('c ')",
  'zfill(5)',
  "center(7, '*')",
  'ljust(4)',
  'rjust(4)',
  "removeprefix('a')",
  "removesuffix('c')",
];
const STR_METHODS_BOOL = [
  "startswith('a')",
  "endswith('c')",
  'isdigit()',
  'isalpha()',
  'isupper()',
  'islower()',
  'isspace()',
  'isalnum()',
];
const STR_METHODS_INT = ["find('b')", "count('a')", "rfind('a')"];
const STR_METHODS_LIST = [
  "split(',')",
  'split()',
  "split('-', 1)",
  "rsplit('-', 1)",
  'splitlines()',
];

export class Generator {
  private readonly r: () => number;
  private readonly lines: string[] = [];
  readonly constructs = new Set<Construct>();
  /** Upper-case names bound so far, with their static type. */
  private readonly vars: { name: string; ty: Ty }[] = [];
  private readonly functions: { name: string; call: (g: Generator) => string; ty: Ty }[] = [];
  private counter = 0;
  /** Names a generated comprehension or loop may use as an int variable. */
  private readonly intLocals: string[] = [];

  constructor(readonly seed: number) {
    this.r = rng(seed);
  }

  // ------------------------------------------------------------------ randomness helpers

  private chance(p: number): boolean {
    return this.r() < p;
  }

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.r() * items.length)]!;
  }

  private use(c: Construct): void {
    this.constructs.add(c);
  }

  private fresh(): string {
    return `V${this.counter++}`;
  }

  private varOf(ty: Ty): string | undefined {
    const found = this.vars.filter((v) => v.ty === ty);
    return found.length ? this.pick(found).name : undefined;
  }

  private paren(text: string): string {
    return this.chance(0.5) ? `(${text})` : text;
  }

  // ------------------------------------------------------------------ expressions by type

  expr(ty: Ty, depth: number): string {
    const v = this.chance(0.3) ? this.varOf(ty) : undefined;
    if (v) return v;
    if (this.intLocals.length && ty === 'int' && this.chance(0.3)) return this.pick(this.intLocals);
    const fn = this.chance(0.15) ? this.functions.filter((f) => f.ty === ty) : [];
    if (fn.length) return this.pick(fn).call(this);
    switch (ty) {
      case 'int':
        return this.intExpr(depth);
      case 'float':
        return this.floatExpr(depth);
      case 'bool':
        return this.boolExpr(depth);
      case 'str':
        return this.strExpr(depth);
      case 'list':
        return this.listExpr(depth);
      case 'tuple':
        return this.tupleExpr(depth);
      case 'dict':
        return this.dictExpr(depth);
      case 'set':
        return this.setExpr(depth);
      case 'none':
        return 'None';
    }
  }

  private anyTy(): Ty {
    return this.pick([
      'int',
      'int',
      'str',
      'str',
      'bool',
      'list',
      'tuple',
      'dict',
      'float',
      'none',
    ]);
  }

  private intLiteral(): string {
    return this.pick([
      '0',
      '1',
      '2',
      '3',
      '7',
      '10',
      '-1',
      '-4',
      '255',
      '0x1f',
      '0o17',
      '0b101',
      '1_000',
    ]);
  }

  private intExpr(depth: number): string {
    if (depth <= 0) return this.intLiteral();
    const d = depth - 1;
    switch (this.int(0, 11)) {
      case 0:
      case 1: {
        this.use('arithmetic');
        const op = this.pick(['+', '-', '*', '//', '%']);
        // Divisors are kept non-zero mostly; a zero now and then checks ZeroDivisionError.
        const right =
          (op === '//' || op === '%') && !this.chance(0.01)
            ? this.pick(['3', '7', '-2', '(1 + 1)'])
            : this.intExpr(d);
        return this.paren(`${this.intExpr(d)} ${op} ${right}`);
      }
      case 2: {
        this.use('bit operators');
        const op = this.pick(['&', '|', '^', '<<', '>>']);
        const right = op === '<<' || op === '>>' ? this.pick(['1', '2', '3']) : this.intExpr(d);
        return this.paren(`${this.intExpr(d)} ${op} ${right}`);
      }
      case 3:
        this.use('unary operators');
        return `${this.pick(['-', '+', '~'])}${this.intExpr(d)}`;
      case 4:
        this.use('power');
        return this.paren(
          `${this.pick(['2', '-3', '(1 + 1)', '10'])} ** ${this.pick(['0', '2', '3'])}`,
        );
      case 5:
        this.use('builtins');
        return this.pick([
          `len(${this.expr('str', d)})`,
          `len(${this.expr('list', d)})`,
          `abs(${this.intExpr(d)})`,
          `min(${this.intExpr(d)}, ${this.intExpr(d)})`,
          `max([${this.intExpr(d)}, ${this.intExpr(d)}])`,
          `sum(${this.intList(d)})`,
          `int(${this.pick(["'12'", "' -3 '", "'0'", "'1_0'", 'True', '3.9', '-2.5'])})`,
          `round(${this.floatExpr(d)})`,
          `ord(${this.pick(["'a'", "'Z'", "'é'"])})`,
          `int(${this.pick(["'ff'", "'0x1F'", "'10'"])}, 16)`,
          `divmod(${this.intExpr(d)}, 3)[0]`,
          `pow(2, ${this.pick(['3', '5'])})`,
          `hash(${this.intExpr(d)})`,
        ]);
      case 6:
        this.use('conditional expression');
        return `(${this.intExpr(d)} if ${this.boolExpr(d)} else ${this.intExpr(d)})`;
      case 7:
        this.use('indexing');
        return `${this.intListLiteral(d)}[${this.pick(['0', '-1'])}]`;
      case 8:
        this.use('str methods');
        return `${this.strAtom(d)}.${this.pick(STR_METHODS_INT)}`;
      case 9:
        this.use('boolean short-circuit');
        return this.paren(`${this.intExpr(d)} ${this.pick(['and', 'or'])} ${this.intExpr(d)}`);
      case 10:
        this.use('list methods');
        return `${this.intListLiteral(d)}.${this.pick(['index(1)', 'count(2)'])}`;
      default:
        return this.intLiteral();
    }
  }

  private intListLiteral(depth: number): string {
    const n = this.int(1, 4);
    return `[${Array.from({ length: n }, (_, i) => (i === 0 ? '1' : this.intExpr(Math.min(depth, 1)))).join(', ')}]`;
  }

  private intList(depth: number): string {
    return this.chance(0.5) ? this.intListLiteral(depth) : `range(${this.int(0, 6)})`;
  }

  private floatExpr(depth: number): string {
    const lit = this.pick([
      '0.5',
      '1.0',
      '-2.25',
      '3.',
      '1e3',
      '2.5e-3',
      '0.1',
      '1e16',
      '1e-5',
      '123456.789',
    ]);
    if (depth <= 0) return lit;
    const d = depth - 1;
    switch (this.int(0, 4)) {
      case 0:
        this.use('arithmetic');
        return this.paren(
          `${this.floatExpr(d)} ${this.pick(['+', '-', '*', '/'])} ${this.pick(['2', '0.5', '4.0', '3'])}`,
        );
      case 1:
        return this.paren(`${this.intExpr(d)} / ${this.pick(['2', '4', '8', '3'])}`);
      case 2:
        this.use('builtins');
        return `float(${this.pick(["'1.5'", "' 2 '", "'-0.25'", '3', "'1e2'"])})`;
      case 3:
        this.use('power');
        return `${this.pick(['2.0', '0.5', '10'])} ** ${this.pick(['-1', '2', '0.5'])}`;
      default:
        return lit;
    }
  }

  private boolExpr(depth: number): string {
    if (depth <= 0) return this.pick(['True', 'False']);
    const d = depth - 1;
    switch (this.int(0, 10)) {
      case 0:
      case 1: {
        this.use('comparison chain');
        const n = this.int(1, 3);
        let s = this.intExpr(d);
        for (let i = 0; i < n; i++)
          s += ` ${this.pick(['<', '<=', '>', '>=', '==', '!='])} ${this.intExpr(d)}`;
        return this.paren(s);
      }
      case 2:
        this.use('not');
        return `not ${this.boolExpr(d)}`;
      case 3:
        this.use('boolean short-circuit');
        // Precedence: `not a and b or c` without parentheses.
        return this.paren(
          `${this.chance(0.5) ? 'not ' : ''}${this.boolExpr(d)} ${this.pick(['and', 'or'])} ${this.chance(0.3) ? 'not ' : ''}${this.boolExpr(d)}`,
        );
      case 4:
        this.use('membership');
        return this.pick([
          `${this.strAtom(d)} ${this.pick(['in', 'not in'])} ${this.strAtom(d)}`,
          `${this.intExpr(d)} ${this.pick(['in', 'not in'])} ${this.intListLiteral(d)}`,
          `${this.pick(["'a'", "'k'"])} in ${this.dictExpr(d)}`,
        ]);
      case 5:
        this.use('identity');
        return `${this.expr(this.anyTy(), d)} ${this.pick(['is None', 'is not None'])}`;
      case 6:
        this.use('str methods');
        return `${this.strAtom(d)}.${this.pick(STR_METHODS_BOOL)}`;
      case 7:
        this.use('builtins');
        return this.pick([
          `bool(${this.expr(this.anyTy(), d)})`,
          `isinstance(${this.expr(this.anyTy(), d)}, ${this.pick(['int', 'str', '(list, tuple)', 'bool', 'dict'])})`,
          `any(${this.listExpr(d)})`,
          `all(${this.listExpr(d)})`,
          `callable(${this.pick(['len', '1', 'None'])})`,
        ]);
      case 8:
        return `${this.strExpr(d)} == ${this.strExpr(d)}`;
      case 9:
        return `${this.listExpr(d)} ${this.pick(['==', '!=', '<'])} ${this.listExpr(d)}`;
      default:
        return this.pick(['True', 'False']);
    }
  }

  private strAtom(depth: number): string {
    const v = this.chance(0.3) ? this.varOf('str') : undefined;
    return (
      v ?? (depth > 0 && this.chance(0.3) ? `(${this.strExpr(depth - 1)})` : this.strLiteral())
    );
  }

  private strLiteral(): string {
    const s = this.pick(STR_POOL);
    return this.chance(0.5) ? `'${s}'` : `"${s}"`;
  }

  private strExpr(depth: number): string {
    if (depth <= 0) return this.strLiteral();
    const d = depth - 1;
    switch (this.int(0, 13)) {
      case 0:
        this.use('arithmetic');
        return this.paren(`${this.strAtom(d)} + ${this.strAtom(d)}`);
      case 1:
        return this.paren(`${this.strAtom(d)} * ${this.pick(['0', '2', '3', '-1'])}`);
      case 2:
      case 3: {
        this.use('f-string');
        const parts: string[] = [];
        for (let i = this.int(1, 3); i > 0; i--) {
          const ty = this.pick<Ty>(['int', 'str', 'float', 'bool', 'list', 'none']);
          let spec = '';
          if (this.chance(0.4)) {
            this.use('format spec');
            spec =
              ty === 'int'
                ? this.pick([
                    ':5',
                    ':<4',
                    ':>6',
                    ':^7',
                    ':05',
                    ':+',
                    ':x',
                    ':b',
                    ':,',
                    ':o',
                    ':*^9',
                  ])
                : ty === 'float'
                  ? this.pick([':.2f', ':8.3f', ':e', ':.1%', ':g', ':.3'])
                  : ty === 'str'
                    ? this.pick([':>8', ':.2', ':-<5', ':^6'])
                    : this.pick(['!r', '!s', '']);
          }
          // CPython 3.11: no nested f-string with the same quotes, and a space keeps `{ {…} }`
          // from reading as an escaped brace.
          let inner = this.expr(ty, d).replace(/'/g, '"');
          if (/\bf"/.test(inner)) inner = this.strLiteral().replace(/'/g, '"');
          parts.push(`{ ${inner}${spec}}`);
          if (this.chance(0.5)) parts.push(this.pick(['-', ' ', '{{', '}}', 'x=', '/']));
        }
        return `f'${parts.join('')}'`;
      }
      case 4:
        this.use('%-format');
        return `'%s-%d' % (${this.strAtom(d)}, ${this.intExpr(d)})`;
      case 5:
        this.use('str.format');
        return `'{}|{:>3}|{k}'.format(${this.strAtom(d)}, ${this.intExpr(d)}, k=${this.expr(this.anyTy(), d)})`;
      case 6:
        this.use('str methods');
        return `${this.strAtom(d)}.${this.pick(STR_METHODS_STR)}`;
      case 7:
        this.use('slicing');
        return `${this.strAtom(d)}[${this.sliceText()}]`;
      case 8:
        this.use('indexing');
        return `(${this.strAtom(d)} + 'xyz')[${this.pick(['0', '-1', '2'])}]`;
      case 9:
        this.use('str methods');
        return `${this.pick(["','", "'-'", "''"])}.join(${this.strListExpr(d)})`;
      case 10:
        this.use('builtins');
        return this.pick([
          `str(${this.expr(this.anyTy(), d)})`,
          `repr(${this.expr(this.anyTy(), d)})`,
          `chr(${this.pick(['65', '97', '233'])})`,
          `format(${this.intExpr(d)}, ${this.pick(["'03d'", "'x'", "'>4'"])})`,
          `str(${this.floatExpr(d)})`,
        ]);
      case 11:
        this.use('conditional expression');
        return `(${this.strAtom(d)} if ${this.boolExpr(d)} else ${this.strAtom(d)})`;
      case 12:
        this.use('boolean short-circuit');
        return this.paren(`${this.strAtom(d)} ${this.pick(['or', 'and'])} ${this.strAtom(d)}`);
      default:
        return this.strLiteral();
    }
  }

  private sliceText(): string {
    return this.pick(['1:', ':2', '::-1', '1:-1', '::2', '-2:', ':', '5:1', '1:3:1', ':-1:']);
  }

  private strListExpr(depth: number): string {
    return this.chance(0.5)
      ? `[${Array.from({ length: this.int(0, 3) }, () => this.strAtom(depth)).join(', ')}]`
      : `${this.strAtom(depth)}.${this.pick(STR_METHODS_LIST)}`;
  }

  private listExpr(depth: number): string {
    if (depth <= 0) return this.pick(['[]', '[1, 2]', "['a']", '[None, True]']);
    const d = depth - 1;
    switch (this.int(0, 11)) {
      case 0:
        return `[${Array.from({ length: this.int(0, 4) }, () => this.expr(this.anyTy(), d)).join(', ')}]`;
      case 1:
        this.use('list comprehension');
        this.intLocals.push('i');
        try {
          return `[${this.intExpr(d)} for i in ${this.intList(d)}${this.chance(0.5) ? ` if (${this.boolExpr(d)})` : ''}]`;
        } finally {
          this.intLocals.pop();
        }
      case 2:
        this.use('starred comprehension target');
        return `[${this.pick(['a', 'rest', 'len(rest)', 'a + len(rest)'])} for a, *rest in [(1, 2, 3), (4,), (5, 6)]]`;
      case 3:
        this.use('str methods');
        return `${this.strAtom(d)}.${this.pick(STR_METHODS_LIST)}`;
      case 4:
        this.use('arithmetic');
        return this.paren(`${this.listExpr(d)} + ${this.listExpr(d)}`);
      case 5:
        return this.paren(`${this.listExpr(d)} * ${this.pick(['0', '2'])}`);
      case 6:
        this.use('slicing');
        return `${this.listExpr(d)}[${this.sliceText()}]`;
      case 7:
        this.use('builtins');
        return this.pick([
          `list(${this.strAtom(d)})`,
          `sorted(${this.intListLiteral(d)})`,
          `sorted(${this.strListExpr(d)}, reverse=True)`,
          `list(range(${this.int(0, 3)}, ${this.int(3, 8)}, ${this.pick(['1', '2'])}))`,
          `list(reversed(${this.intListLiteral(d)}))`,
          `[x * 2 for x in ${this.intList(d)}]`,
          `list(enumerate(${this.strAtom(d)}))`,
          `list(zip(${this.intListLiteral(d)}, ${this.strAtom(d)}))`,
          `list(map(str, ${this.intListLiteral(d)}))`,
          `list(filter(None, ${this.listExpr(d)}))`,
          `sorted(${this.dictExpr(d)})`,
          `sorted(${this.setExpr(d)})`,
          `list(${this.dictExpr(d)}.items())`,
          `list(${this.dictExpr(d)}.values())`,
        ]);
      case 8:
        this.use('unpacking');
        return `[*${this.listExpr(d)}, *${this.tupleExpr(d)}]`;
      case 9:
        this.use('generator expression');
        return `list(x for x in ${this.intList(d)} if x % 2)`;
      case 10:
        this.use('conditional expression');
        return `(${this.listExpr(d)} if ${this.boolExpr(d)} else ${this.listExpr(d)})`;
      default:
        return '[]';
    }
  }

  private tupleExpr(depth: number): string {
    if (depth <= 0) return this.pick(['()', '(1,)', "('a', 2)"]);
    const d = depth - 1;
    switch (this.int(0, 3)) {
      case 0:
        return `(${Array.from({ length: this.int(1, 3) }, () => this.expr(this.anyTy(), d)).join(', ')},)`;
      case 1:
        this.use('builtins');
        return `tuple(${this.listExpr(d)})`;
      case 2:
        this.use('arithmetic');
        return this.paren(`${this.tupleExpr(d)} + ${this.tupleExpr(d)}`);
      default:
        return `divmod(${this.intExpr(d)}, ${this.pick(['3', '-4'])})`;
    }
  }

  private dictExpr(depth: number): string {
    if (depth <= 0) return this.pick(['{}', "{'a': 1}", "{'k': 'v', 'a': None}"]);
    const d = depth - 1;
    switch (this.int(0, 5)) {
      case 0:
        return `{${Array.from({ length: this.int(0, 3) }, () => `${this.pick(["'a'", "'k'", "'z'", '1', 'True', '(1, 2)'])}: ${this.expr(this.anyTy(), d)}`).join(', ')}}`;
      case 1:
        this.use('dict comprehension');
        return `{${this.pick(['str(i)', 'i', 'i % 2'])}: ${this.pick(['i * i', "'x'", 'i'])} for i in range(${this.int(0, 4)})}`;
      case 2:
        this.use('builtins');
        return `dict(${this.pick(["a=1, b='x'", "[('a', 1), ('b', 2)]", "zip('ab', [1, 2])", ''])})`;
      case 3:
        this.use('unpacking');
        return `{**${this.dictExpr(d)}, **${this.dictExpr(d)}}`;
      case 4:
        return this.paren(`${this.dictExpr(d)} | ${this.dictExpr(d)}`);
      default:
        return '{}';
    }
  }

  private setExpr(depth: number): string {
    if (depth <= 0) return this.pick(['set()', '{1, 2}', "{'a'}"]);
    const d = depth - 1;
    switch (this.int(0, 3)) {
      case 0:
        this.use('set comprehension');
        return `{i % 3 for i in range(${this.int(0, 6)})}`;
      case 1:
        return `{${this.intExpr(d)}, ${this.intExpr(d)}, 3}`;
      case 2:
        return this.paren(
          `${this.setExpr(d)} ${this.pick(['|', '&', '-', '^'])} ${this.setExpr(d)}`,
        );
      default:
        this.use('builtins');
        return `set(${this.strAtom(d)})`;
    }
  }

  // ------------------------------------------------------------------ statements

  private emit(line: string, indent = 0): void {
    this.lines.push(`${'    '.repeat(indent)}${line}`);
  }

  private assignStatement(indent: number): void {
    const ty = this.anyTy();
    const name = this.fresh();
    // A share of ill-typed expressions: CPython raises, the evaluator must say Unknown.
    if (this.chance(0.05)) {
      // Ill-typed on purpose, inside a handler: the evaluator must raise the same exception
      // (or say Unknown), never compute a value CPython does not.
      this.use('raise');
      this.emit('try:', indent);
      this.emit(
        `${name} = (${this.expr(this.anyTy(), 1)}) ${this.pick(['+', '-', '<', '*', '%'])} (${this.expr(this.anyTy(), 1)})`,
        indent + 1,
      );
      this.emit('except (TypeError, ValueError, ZeroDivisionError, IndexError, KeyError):', indent);
      this.emit(`${name} = 'error'`, indent + 1);
      this.vars.push({ name, ty: 'str' });
      return;
    }
    this.emit(`${name} = ${this.expr(ty, this.int(1, 3))}`, indent);
    this.vars.push({ name, ty });
  }

  private statement(indent: number, depth: number): void {
    const k = depth <= 0 ? 0 : this.int(0, 16);
    switch (k) {
      case 1: {
        this.use('if/elif/else');
        this.emit(`if ${this.boolExpr(2)}:`, indent);
        this.block(indent + 1, depth - 1);
        if (this.chance(0.4)) {
          this.emit(`elif ${this.boolExpr(2)}:`, indent);
          this.block(indent + 1, depth - 1);
        }
        if (this.chance(0.6)) {
          this.emit('else:', indent);
          this.block(indent + 1, depth - 1);
        }
        return;
      }
      case 2: {
        this.use('for/else');
        const acc = this.fresh();
        this.emit(`${acc} = []`, indent);
        this.emit(`for i in ${this.intList(1)}:`, indent);
        if (this.chance(0.3)) {
          this.use('break/continue');
          this.emit(`if i ${this.pick(['==', '>'])} ${this.int(0, 3)}:`, indent + 1);
          this.emit(this.pick(['break', 'continue']), indent + 2);
        }
        this.intLocals.push('i');
        this.emit(`${acc}.append(${this.intExpr(1)})`, indent + 1);
        this.intLocals.pop();
        if (this.chance(0.3)) {
          this.emit('else:', indent);
          this.emit(`${acc}.append(-1)`, indent + 1);
        }
        this.vars.push({ name: acc, ty: 'list' });
        return;
      }
      case 3: {
        this.use('while');
        const n = this.fresh();
        this.emit(`${n} = 0`, indent);
        this.emit(`while ${n} < ${this.int(0, 6)}:`, indent);
        this.emit(`${n} += ${this.pick(['1', '2'])}`, indent + 1);
        this.vars.push({ name: n, ty: 'int' });
        return;
      }
      case 4: {
        this.use('try/except/else/finally');
        const name = this.fresh();
        this.emit('try:', indent);
        // The raising expression and the handlers that catch it (a base class now and then).
        const raising: [string, string[]][] = [
          ['1 // 0', ['ZeroDivisionError', 'ArithmeticError']],
          ["{}['missing']", ['KeyError', 'LookupError']],
          ['[][1]', ['IndexError', 'LookupError']],
          ["int('x')", ['ValueError']],
          ["'a' + 1", ['TypeError']],
          ['undefined_name', ['NameError']],
          ["raise ValueError('boom')", ['ValueError']],
          ["raise KeyError('boom')", ['KeyError', 'LookupError']],
        ];
        let handler = this.pick(['ValueError', 'Exception', '(KeyError, TypeError)']);
        if (this.chance(0.5)) {
          this.use('raise');
          const [code, catchers] = this.pick(raising);
          handler = this.chance(0.8) ? this.pick([...catchers, 'Exception']) : handler;
          this.emit(code.startsWith('raise') ? code : `${name} = ${code}`, indent + 1);
        } else this.emit(`${name} = ${this.expr('int', 2)}`, indent + 1);
        this.emit(`except ${handler}${this.chance(0.3) ? ' as e' : ''}:`, indent);
        this.emit(`${name} = ${this.expr('str', 1)}`, indent + 1);
        if (this.chance(0.4)) {
          this.emit('else:', indent);
          this.emit(`${name} = [${name}]`, indent + 1);
        }
        if (this.chance(0.4)) {
          const f = this.fresh();
          this.emit('finally:', indent);
          this.emit(`${f} = 'done'`, indent + 1);
          this.vars.push({ name: f, ty: 'str' });
        }
        return;
      }
      case 5: {
        this.use('with');
        const name = this.fresh();
        this.emit('with Ctx() as ctx:', indent);
        this.emit(`${name} = ${this.expr('str', 2)}`, indent + 1);
        this.vars.push({ name, ty: 'str' });
        return;
      }
      case 6: {
        this.use('augmented assignment');
        const ty = this.pick<Ty>(['int', 'str', 'list']);
        const target = this.varOf(ty);
        if (!target) return this.assignStatement(indent);
        const op = ty === 'int' ? this.pick(['+=', '-=', '*=', '//=', '|=', '^=', '<<=']) : '+=';
        const rhs =
          ty === 'int'
            ? op === '//='
              ? this.pick(['2', '3'])
              : op === '<<='
                ? '1'
                : this.intExpr(1)
            : ty === 'str'
              ? this.strAtom(1)
              : this.listExpr(1);
        this.emit(`${target} ${op} ${rhs}`, indent);
        return;
      }
      case 7: {
        this.use('unpacking');
        const a = this.fresh();
        const b = this.fresh();
        if (this.chance(0.5)) {
          this.use('starred unpacking');
          const c = this.fresh();
          const [rhs, ty] = this.pick<[string, Ty]>([
            ['range(5)', 'int'],
            ["'hello'", 'str'],
            ['[1, 2]', 'int'],
            ['(1, 2, 3, 4)', 'int'],
            ["'ab'", 'str'],
          ]);
          this.emit(`${a}, *${b}, ${c} = ${rhs}`, indent);
          this.vars.push({ name: a, ty }, { name: b, ty: 'list' }, { name: c, ty });
        } else {
          const [rhs, ta, tb] = this.pick<[string, Ty, Ty]>([
            [`${this.strAtom(1)}, ${this.intExpr(1)}`, 'str', 'int'],
            ["'xy'", 'str', 'str'],
            ['[1, [2, 3]]', 'int', 'list'],
            [`divmod(${this.intExpr(1)}, 5)`, 'int', 'int'],
          ]);
          this.emit(`${a}, ${b} = ${rhs}`, indent);
          this.vars.push({ name: a, ty: ta }, { name: b, ty: tb });
        }
        return;
      }
      case 8: {
        this.use('global');
        const g = this.fresh();
        const f = `set_${g.toLowerCase()}`;
        this.emit(`def ${f}(value):`, indent);
        this.emit(`global ${g}`, indent + 1);
        this.emit(`${g} = value`, indent + 1);
        this.emit(`${f}(${this.expr('int', 2)})`, indent);
        this.vars.push({ name: g, ty: 'int' });
        return;
      }
      case 9: {
        this.use('list methods');
        const l = this.varOf('list');
        if (!l) return this.assignStatement(indent);
        this.emit(
          `${l}.${this.pick([`append(${this.intExpr(1)})`, `extend(${this.listExpr(1)})`, `insert(0, ${this.strAtom(1)})`, 'reverse()', 'clear()', `append(7) or ${l}.pop()`, `append(7) or ${l}.remove(7)`, `sort(key=str)`])}`,
          indent,
        );
        return;
      }
      case 10: {
        this.use('dict methods');
        const name = this.fresh();
        const d = this.dictExpr(1);
        this.emit(`${name} = ${d}`, indent);
        this.emit(
          `${name}${this.pick([`['k'] = ${this.intExpr(1)}`, `.update(${this.dictExpr(1)})`, `.setdefault('z', ${this.intExpr(1)})`, `.pop('a', None)`])}`,
          indent,
        );
        this.vars.push({ name, ty: 'dict' });
        const g = this.fresh();
        this.emit(
          `${g} = ${name}.get(${this.pick(["'a'", "'k'", "'q'"])}${this.chance(0.5) ? `, ${this.intExpr(1)}` : ''})`,
          indent,
        );
        this.vars.push({ name: g, ty: 'int' });
        return;
      }
      case 11: {
        this.use('walrus');
        const name = this.fresh();
        const n = `n_${name.toLowerCase()}`;
        this.emit(`${name} = [(${n} := ${this.intExpr(1)}), ${n} * 2]`, indent);
        this.vars.push({ name, ty: 'list' });
        return;
      }
      case 12: {
        this.use('del');
        const name = this.fresh();
        this.emit(`${name} = ${this.dictExpr(1)}`, indent);
        this.emit(`${name}['tmp'] = 1`, indent);
        this.emit(`del ${name}['tmp']`, indent);
        this.vars.push({ name, ty: 'dict' });
        return;
      }
      case 13: {
        this.use('chained assignment');
        const a = this.fresh();
        const b = this.fresh();
        const ty = this.anyTy();
        this.emit(`${a} = ${b} = ${this.expr(ty, 2)}`, indent);
        this.vars.push({ name: a, ty }, { name: b, ty });
        return;
      }
      case 14: {
        // A call of a generated function or method.
        if (!this.functions.length) return this.assignStatement(indent);
        const f = this.pick(this.functions);
        const name = this.fresh();
        this.emit(`${name} = ${f.call(this)}`, indent);
        this.vars.push({ name, ty: f.ty });
        return;
      }
      default:
        return this.assignStatement(indent);
    }
  }

  /** A nested block: names it binds may not run, so later code does not read them. */
  private block(indent: number, depth: number): void {
    const visible = this.vars.length;
    for (let i = this.int(1, 3); i > 0; i--) this.statement(indent, depth);
    this.vars.length = visible;
  }

  // ------------------------------------------------------------------ functions and classes

  private defineFunctions(): void {
    this.emit('class Ctx:');
    this.emit('def __enter__(self):', 1);
    this.emit('return 1', 2);
    this.emit('def __exit__(self, *exc):', 1);
    this.emit('return None', 2);
    for (let i = this.int(0, 3); i > 0; i--) {
      const n = this.counter++;
      switch (this.int(0, 6)) {
        case 0: {
          this.use('function with defaults');
          const name = `f${n}`;
          this.emit(`def ${name}(a, b=${this.intLiteral()}, *, c=${this.strLiteral()}):`);
          this.emit(
            `return ${this.pick(['a + b', 'a * b - 1', 'a if b else -a', 'b // (a or 1)', 'len(c) + a'])}`,
            1,
          );
          this.functions.push({
            name,
            ty: 'int',
            call: (g) =>
              g.pick([
                `${name}(${g.intExpr(1)})`,
                `${name}(${g.intExpr(1)}, ${g.intExpr(1)})`,
                `${name}(b=${g.intExpr(1)}, a=${g.intExpr(1)})`,
                `${name}(${g.intExpr(0)}, c=${g.strLiteral()})`,
              ]),
          });
          break;
        }
        case 1: {
          this.use('function *args/**kwargs');
          const name = `f${n}`;
          this.emit(`def ${name}(*args, **kwargs):`);
          this.emit(
            `return ${this.pick(['len(args) * 10 + len(kwargs)', 'sum(args) + sum(kwargs.values())', "len(args) + kwargs.get('k', 100)"])}`,
            1,
          );
          this.functions.push({
            name,
            ty: 'int',
            call: (g) =>
              g.pick([
                `${name}()`,
                `${name}(${g.intExpr(1)}, ${g.intExpr(1)})`,
                `${name}(*${g.intListLiteral(1)}, k=${g.intExpr(1)})`,
                `${name}(1, **{'k': ${g.intExpr(1)}})`,
              ]),
          });
          break;
        }
        case 2: {
          this.use('lambda');
          const name = `l${n}`;
          this.emit(
            `${name} = lambda x, y=2: ${this.pick(['x * y', 'x - y', '[x] * y', 'x if x > y else y'])}`,
          );
          this.functions.push({ name, ty: 'int', call: (g) => `${name}(${g.intExpr(1)})` });
          break;
        }
        case 3: {
          this.use('recursion');
          const name = `f${n}`;
          this.emit(`def ${name}(k):`);
          this.emit(`if k <= 1:`, 1);
          this.emit(`return 1`, 2);
          this.emit(`return k * ${name}(k - 1)`, 1);
          this.functions.push({ name, ty: 'int', call: (g) => `${name}(${g.int(0, 8)})` });
          break;
        }
        case 4: {
          this.use('closure');
          const name = `f${n}`;
          this.emit(`def ${name}(base):`);
          this.emit(`def inner(v):`, 1);
          this.emit(`return base + v`, 2);
          this.emit(`return inner`, 1);
          this.functions.push({
            name,
            ty: 'int',
            call: (g) => `${name}(${g.intExpr(1)})(${g.intExpr(1)})`,
          });
          break;
        }
        default: {
          this.use('class');
          const base = `B${n}`;
          const cls = `C${n}`;
          this.emit(`class ${base}:`);
          this.emit(`X = ${this.intLiteral()}`, 1);
          this.emit(`NAME = ${this.strLiteral()}`, 1);
          this.emit(`def __init__(self, v=3):`, 1);
          this.emit(`self.v = v`, 2);
          this.emit(`def total(self):`, 1);
          this.emit(`return self.v + self.X`, 2);
          this.emit(`@classmethod`, 1);
          this.emit(`def make(cls, v):`, 1);
          this.emit(`return cls.X * v`, 2);
          this.emit(`@staticmethod`, 1);
          this.emit(`def twice(v):`, 1);
          this.emit(`return v * 2`, 2);
          this.emit(`class ${cls}(${base}):`);
          this.emit(`X = ${this.intLiteral()}`, 1);
          if (this.chance(0.5)) {
            this.emit(`def total(self):`, 1);
            this.emit(`return super().total() * 10`, 2);
          }
          this.use('classmethod');
          this.use('staticmethod');
          this.use('inheritance');
          this.functions.push({
            name: cls,
            ty: 'int',
            call: (g) =>
              g.pick([
                `${cls}.make(${g.intExpr(1)})`,
                `${base}.make(${g.intExpr(1)})`,
                `${cls}.twice(${g.intExpr(1)})`,
                `${cls}(${g.intExpr(1)}).total()`,
                `${cls}().v`,
                `${cls}.X + ${base}.X`,
                `${cls}(${g.intExpr(0)}).make(2)`,
              ]),
          });
          this.functions.push({ name: cls, ty: 'str', call: () => `${cls}.NAME` });
        }
      }
    }
  }

  program(): Program {
    this.defineFunctions();
    for (let i = this.int(3, 12); i > 0; i--) this.statement(0, 2);
    return { seed: this.seed, source: `${this.lines.join('\n')}\n`, constructs: this.constructs };
  }
}

export function generateProgram(seed: number): Program {
  return new Generator(seed).program();
}
