import type { ParamField } from './param-fields.ts';

export interface ParamsFormProps {
  fields: readonly ParamField[];
  values: Readonly<Record<string, string>>;
  /** Errors shown under their field (after the person has tried to submit or touched it). */
  errors: Readonly<Record<string, string>>;
  onChange(name: string, value: string): void;
  /** Prefix of the inputs' ids, so that two forms on one screen do not share ids. */
  idPrefix?: string;
}

/** One input per declared param: text, number, checkbox (bool) or select (enum); descriptions as help. */
export function ParamsForm({ fields, values, errors, onChange, idPrefix = 'run-param' }: ParamsFormProps) {
  if (fields.length === 0) return <p className="muted">This pipeline declares no params.</p>;
  return (
    <div className="run-params">
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const error = errors[field.name];
        const value = values[field.name] ?? '';
        const help = field.param.description;
        const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
        return (
          <div key={field.name} className={`field run-param${error ? ' run-param-invalid' : ''}`}>
            {field.control === 'checkbox' ? (
              <label className="checkbox-label" htmlFor={id}>
                <input
                  id={id}
                  type="checkbox"
                  checked={value === 'true'}
                  aria-describedby={describedBy}
                  onChange={(event) => onChange(field.name, event.currentTarget.checked ? 'true' : 'false')}
                />
                {field.name}
              </label>
            ) : (
              <>
                <label htmlFor={id}>
                  {field.name}
                  {field.required && (
                    <span className="run-param-required" aria-hidden="true">
                      {' '}
                      *
                    </span>
                  )}
                  <span className="run-param-type"> {field.param.type}</span>
                </label>
                {field.control === 'select' ? (
                  <select id={id} className="select" value={value} aria-describedby={describedBy} aria-invalid={Boolean(error)} onChange={(event) => onChange(field.name, event.currentTarget.value)}>
                    {(field.param.enum ?? []).map((option) => (
                      <option key={String(option)} value={String(option)}>
                        {String(option)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={id}
                    className="input"
                    inputMode={field.control === 'number' ? (field.param.type === 'int' ? 'numeric' : 'decimal') : undefined}
                    value={value}
                    required={field.required}
                    aria-required={field.required}
                    aria-invalid={Boolean(error)}
                    aria-describedby={describedBy}
                    onChange={(event) => onChange(field.name, event.currentTarget.value)}
                  />
                )}
              </>
            )}
            {help && (
              <span id={`${id}-help`} className="run-param-help">
                {help}
              </span>
            )}
            {error && (
              <span id={`${id}-error`} className="run-param-error" role="alert">
                {error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
