import { useId } from "react";

interface Props {
  /** What is being rated, for the accessible name. */
  label: string;
  value: number | undefined;
  onChange: (rating: number) => void;
  disabled?: boolean;
}

const STARS = [1, 2, 3, 4, 5];

/** Five stars as a radio group: arrow keys change the rating, screen readers announce "4 stars". */
export function StarRating({ label, value, onChange, disabled }: Props) {
  const name = useId();
  return (
    <fieldset className="stars" disabled={disabled}>
      <legend className="sr-only">{label}</legend>
      {STARS.map((stars) => (
        <label key={stars} className={value !== undefined && stars <= value ? "star star-on" : "star"}>
          <input type="radio" name={name} value={stars} checked={value === stars} onChange={() => onChange(stars)} />
          <span aria-hidden="true">★</span>
          <span className="sr-only">
            {stars} {stars === 1 ? "star" : "stars"}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
