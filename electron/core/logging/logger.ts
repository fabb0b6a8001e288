/** The logging surface the core, the web host and Electron main write to. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = keyof Logger;

/** A logger that drops everything (the default where no log is given). */
export const silentLogger: Logger = Object.freeze({
  info() {},
  warn() {},
  error() {},
});
