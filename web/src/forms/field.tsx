import { useId, type ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';

/** A labelled control with its hint and its error, wired for screen readers. */
export function Field({ label, error, hint, children }: { label: string; error?: FieldError | undefined; hint?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint ? (
        <span id={hintId} className="hint">
          {hint}
        </span>
      ) : null}
      {error?.message ? (
        <span id={errorId} className="field-error">
          {error.message}
        </span>
      ) : null}
    </div>
  );
}
