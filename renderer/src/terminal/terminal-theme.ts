import type { ITheme } from '@xterm/xterm';

/** The terminal's colours from the stylesheet's variables, so it follows light and dark. */
export function terminalTheme(): ITheme {
  const css = getComputedStyle(document.documentElement);
  const read = (name: string) => css.getPropertyValue(name).trim() || undefined;
  return {
    background: read('--log-bg'),
    foreground: read('--log-fg'),
    cursor: read('--accent'),
    selectionBackground: read('--accent-soft'),
    black: read('--ansi-0'),
    red: read('--ansi-1'),
    green: read('--ansi-2'),
    yellow: read('--ansi-3'),
    blue: read('--ansi-4'),
    magenta: read('--ansi-5'),
    cyan: read('--ansi-6'),
    white: read('--ansi-7'),
    brightBlack: read('--ansi-8'),
    brightRed: read('--ansi-9'),
    brightGreen: read('--ansi-10'),
    brightYellow: read('--ansi-11'),
    brightBlue: read('--ansi-12'),
    brightMagenta: read('--ansi-13'),
    brightCyan: read('--ansi-14'),
    brightWhite: read('--ansi-15'),
  };
}
