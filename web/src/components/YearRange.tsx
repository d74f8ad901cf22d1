import { useId } from "react";

export interface Years {
  from: string;
  to: string;
}

/** The years as the API takes them: a four-digit year, or nothing. */
export function yearValue(text: string): number | undefined {
  return /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

export function YearRange({ value, onChange }: { value: Years; onChange: (years: Years) => void }) {
  const id = useId();
  return (
    <fieldset className="year-range">
      <legend className="field-label">Years</legend>
      <label htmlFor={`${id}-from`} className="sr-only">
        From year
      </label>
      <input
        id={`${id}-from`}
        className="input input-year"
        inputMode="numeric"
        placeholder="from"
        maxLength={4}
        value={value.from}
        onChange={(e) => onChange({ ...value, from: e.target.value })}
      />
      <span aria-hidden="true">–</span>
      <label htmlFor={`${id}-to`} className="sr-only">
        To year
      </label>
      <input
        id={`${id}-to`}
        className="input input-year"
        inputMode="numeric"
        placeholder="to"
        maxLength={4}
        value={value.to}
        onChange={(e) => onChange({ ...value, to: e.target.value })}
      />
    </fieldset>
  );
}
