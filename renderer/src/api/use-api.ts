import { useMutation, useQuery, type UseMutationOptions, type UseMutationResult, type UseQueryOptions } from '@tanstack/react-query';
import type { Contract, InputOf, MethodName, OutputOf } from '../../../shared/api/contract.ts';
import { useApiClient } from './api-context.tsx';

/** Contract methods of kind `query`: read, cached by React Query. */
export type QueryMethod = { [K in MethodName]: Contract[K]['kind'] extends 'query' ? K : never }[MethodName];
/** Contract methods of kind `mutation`: change something, never cached. */
export type MutationMethod = { [K in MethodName]: Contract[K]['kind'] extends 'mutation' ? K : never }[MethodName];

/** The cache key of a query: `[method, input]`, everywhere in the UI. */
export function apiQueryKey<M extends QueryMethod>(method: M, input: InputOf<M>): readonly [M, InputOf<M>] {
  return [method, input] as const;
}

export type ApiQueryOptions<M extends QueryMethod> = Omit<UseQueryOptions<OutputOf<M>, Error, OutputOf<M>, readonly [M, InputOf<M>]>, 'queryKey' | 'queryFn'>;

/** A `query` method of the contract through React Query, keyed `[method, input]`. */
export function useApiQuery<M extends QueryMethod>(method: M, input: InputOf<M>, options?: ApiQueryOptions<M>) {
  const api = useApiClient();
  return useQuery({ ...options, queryKey: apiQueryKey(method, input), queryFn: () => api.call(method, input) as Promise<OutputOf<M>> });
}

export type ApiMutationOptions<M extends MutationMethod, V> = Omit<UseMutationOptions<OutputOf<M>, Error, V>, 'mutationFn'>;

/**
 * A `mutation` method of the contract through React Query. With `toInput`, `mutate(vars)` sends
 * `toInput(vars)` (`mutate()` when it takes nothing: the dialog's fields, say); without it,
 * `mutate(input)` sends the method's input as it is.
 */
export function useApiMutation<M extends MutationMethod, V = void>(
  method: M,
  options: ApiMutationOptions<M, V> & { toInput(vars: V): InputOf<M> },
): UseMutationResult<OutputOf<M>, Error, V>;
export function useApiMutation<M extends MutationMethod>(method: M, options?: ApiMutationOptions<M, InputOf<M>>): UseMutationResult<OutputOf<M>, Error, InputOf<M>>;
export function useApiMutation<M extends MutationMethod, V>(method: M, options: ApiMutationOptions<M, V> & { toInput?(vars: V): InputOf<M> } = {}) {
  const api = useApiClient();
  const { toInput, ...rest } = options;
  return useMutation<OutputOf<M>, Error, V>({
    ...rest,
    // async: a toInput that throws (a bad field) fails the mutation instead of the render.
    mutationFn: async (vars) => api.call(method, (toInput ? toInput(vars) : vars) as InputOf<M>) as Promise<OutputOf<M>>,
  });
}
