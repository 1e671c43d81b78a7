/** What every `.env` dialect returns, and the options that tune them (see index.ts). */
export type DotenvDialect =
  'python-dotenv' | 'django-environ' | 'python-decouple' | 'docker-compose' | 'inputs';

export interface DotenvEntry {
  key: string;
  /** Undefined for a key without `=` (python-dotenv's `None`; compose takes it from the environment). */
  value: string | undefined;
  /** 1-based line of the key. */
  line: number;
}

export interface DotenvParse {
  /** In file order; a key may repeat (the last one wins, see `dotenvValues`). */
  entries: DotenvEntry[];
  /** 1-based lines the reader could not read (python-dotenv and django-environ skip them). */
  invalidLines: number[];
  /** docker compose rejects the whole file: why (then `entries` is empty). */
  error?: string;
}

export interface DotenvOptions {
  /**
   * Variables from outside the file, for interpolation: python-dotenv's `os.environ`, compose's
   * project environment. Nothing is set outside the file when absent.
   */
  environment?: (name: string) => string | undefined;
  /** python-dotenv's `interpolate` (default true, as in the library). */
  interpolate?: boolean;
  /**
   * python-dotenv's `override`: whether the file's own earlier values win over `environment`
   * when interpolating. `dotenv_values` uses true (the default here), `load_dotenv` false.
   */
  override?: boolean;
  /** django-environ's `read_env(parse_comments=...)` (default false, as in the library). */
  parseComments?: boolean;
}
