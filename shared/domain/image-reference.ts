/** Docker's reference grammar (distribution/reference), without the 255-character domain details. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const NAME = `(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

export const IMAGE_REFERENCE = new RegExp(`^${NAME}(?::${TAG})?(?:@${DIGEST})?$`);
export const TAGGED_REFERENCE = new RegExp(`^${NAME}(?::${TAG})?$`);

/** Why a reference is not valid, or null when it is. Tags only (no digest) when `tagOnly`. */
export function referenceProblem(reference: string, tagOnly = false): string | null {
  if (reference.length === 0) return 'is empty';
  if (reference.length > 512) return 'is longer than 512 characters';
  if (/[A-Z]/.test(reference.split('/').slice(-1)[0].split(':')[0])) return 'must be lowercase (repository names cannot contain capitals)';
  if (!(tagOnly ? TAGGED_REFERENCE : IMAGE_REFERENCE).test(reference)) {
    return tagOnly
      ? 'is not a valid name[:tag]: use lowercase letters, digits, ".", "_", "-" and "/", then an optional ":tag"'
      : 'is not a valid image reference: write name[:tag] or name@sha256:digest, e.g. "python:3.12-slim"';
  }
  return null;
}

/** "alpine" → "alpine:latest"; keeps a tag or digest that is there (a port is not a tag). */
export function withDefaultTag(reference: string): string {
  if (reference.includes('@')) return reference;
  const lastSlash = reference.lastIndexOf('/');
  return reference.slice(lastSlash + 1).includes(':') ? reference : `${reference}:latest`;
}
