import type { CSSProperties } from 'react';
import { xterm256ToHex, type AnsiColor, type AnsiStyle } from '../../../shared/logs/ansi.ts';

/**
 * CSS for one ANSI style. The 16 base colours come from theme variables (`--ansi-0`…`--ansi-15`,
 * tuned for light and dark), the 256-colour cube and truecolor are literal.
 */
export function ansiCss(style: AnsiStyle): CSSProperties | undefined {
  let fg = colorCss(style.fg);
  let bg = colorCss(style.bg);
  if (style.inverse) {
    [fg, bg] = [bg ?? 'var(--log-bg)', fg ?? 'var(--log-fg)'];
  }
  if (!fg && !bg && !style.bold && !style.dim && !style.italic && !style.underline) return undefined;
  const css: CSSProperties = {};
  if (fg) css.color = fg;
  if (bg) css.backgroundColor = bg;
  if (style.bold) css.fontWeight = 600;
  if (style.dim) css.opacity = 0.7;
  if (style.italic) css.fontStyle = 'italic';
  if (style.underline) css.textDecoration = 'underline';
  return css;
}

function colorCss(color: AnsiColor): string | undefined {
  if (color === null) return undefined;
  if (typeof color === 'string') return color;
  if (color < 16) return `var(--ansi-${color})`;
  return xterm256ToHex(color) ?? undefined;
}
