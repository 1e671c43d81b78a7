/** The shape of one library model in the registry (library/index.ts). */
import type { SyntaxNode } from '@lezer/common';
import type { PyValue } from '../../value';
import type { Args, Host } from '../host';
import type { Frame, ObjectData } from '../model';

/** A method of an object a model returns, by the object's data tag. */
export type MethodModel = (
  host: Host,
  self: PyValue,
  data: ObjectData,
  name: string,
  args: Args,
  frame: Frame,
) => PyValue;

export interface LibraryModel {
  /** The library, as people name it (`django-environ`). */
  name: string;
  /** Top-level Python modules it answers for (`environ`): imports of them are not third-party. */
  modules: readonly string[];
  /** A call of `path` (`environ.Env`), or undefined when it does not model that callable. */
  call?(
    host: Host,
    path: string,
    args: Args,
    node: SyntaxNode | undefined,
    frame: Frame,
  ): PyValue | undefined;
  /** An attribute `path.name` (`os.sep`), or undefined when it does not model it. */
  attribute?(host: Host, path: string, name: string): PyValue | undefined;
  /** Methods of the objects it returns, by ObjectData tag (`djenv` → `env.bool(...)`). */
  methods?: Partial<Record<ObjectData['tag'], MethodModel>>;
  /**
   * A settings library known but not modelled yet: importing it gives one note, and when it may
   * set settings the evaluator cannot see, the settings it does not see are undecided (never
   * Django's defaults taken as fact).
   */
  notModelled?: { note: string; maySetSettings: boolean };
}
