/**
 * A problem with the input files. Always names the file and, where it applies,
 * the line and the field, so a user can open the file and fix it.
 */
export class LoadError extends Error {
  override readonly name = "LoadError";

  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    super(LoadError.format(message, file, line, field));
  }

  private static format(message: string, file?: string, line?: number, field?: string): string {
    const where = [file, line !== undefined ? `line ${line}` : undefined, field ? `field "${field}"` : undefined]
      .filter(Boolean)
      .join(", ");
    return where ? `${where}: ${message}` : message;
  }
}
