import type Docker from 'dockerode';
import { toApiError } from '../engine/errors.ts';

export interface ImageChoice {
  reference: string;
  id: string;
  sizeBytes: number;
  created: number;
}

/** Every tagged local image as `repo:tag`, newest first: what the Run dialog suggests. */
export async function listImageChoices(docker: Docker): Promise<ImageChoice[]> {
  let images: Docker.ImageInfo[];
  try {
    images = await docker.listImages();
  } catch (error) {
    throw toApiError(error, 'list the local images');
  }
  const choices: ImageChoice[] = [];
  for (const image of images) {
    for (const tag of image.RepoTags ?? []) {
      if (tag === '<none>:<none>') continue;
      choices.push({ reference: tag, id: image.Id, sizeBytes: image.Size, created: image.Created });
    }
  }
  return choices.sort((a, b) => b.created - a.created || a.reference.localeCompare(b.reference));
}
