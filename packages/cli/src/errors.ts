// The closed set of error codes the portico CLI reports.
export type CliErrorCode =
  | 'CLI_USAGE'
  | 'CLI_UNKNOWN_KIND'
  | 'CLI_READ_FAILED'
  | 'CLI_SERVER_UNREACHABLE'
  | 'CLI_SERVER_ERROR'
  | 'CLI_JSONPATH_SYNTAX';

export const CLI_ERROR_DESCRIPTIONS: Record<CliErrorCode, string> = {
  CLI_USAGE: 'bad flags / arguments',
  CLI_UNKNOWN_KIND: 'KIND not in the registry',
  CLI_READ_FAILED: '-f file or directory could not be read',
  CLI_SERVER_UNREACHABLE: 'no admin API at --server',
  CLI_SERVER_ERROR: 'the admin API answered with an error',
  CLI_JSONPATH_SYNTAX: 'bad -o jsonpath template',
};

/** Every code, in the order of the descriptions (tsc fails when a code has no description). */
export const CLI_ERROR_CODES = Object.keys(CLI_ERROR_DESCRIPTIONS) as readonly CliErrorCode[];

export class CliError extends Error {
  readonly code: CliErrorCode;
  readonly exitCode: number;
  constructor(code: CliErrorCode, message: string, exitCode = 1) {
    super(message);
    this.code = code;
    this.exitCode = exitCode;
  }
}
