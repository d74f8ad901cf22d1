import { useQuery } from "@apollo/client/react";
import { GENRES } from "./genre-picker.queries";

interface Props {
  legend: string;
  selected: readonly string[];
  onChange: (genres: string[]) => void;
}

/** Toggle buttons for the data set's genres (whatever the loaded release has, not a fixed list). */
export function GenrePicker({ legend, selected, onChange }: Props) {
  const { data, error } = useQuery(GENRES);
  const genres = data?.genres ?? [];
  const toggle = (genre: string) =>
    onChange(selected.includes(genre) ? selected.filter((g) => g !== genre) : [...selected, genre]);
  return (
    <fieldset className="genre-picker">
      <legend className="field-label">{legend}</legend>
      {error && <p className="muted">Genres could not be loaded: {error.message}</p>}
      <div className="toggle-chips">
        {genres.map(({ name, movieCount }) => (
          <button
            key={name}
            type="button"
            className="toggle-chip"
            aria-pressed={selected.includes(name)}
            title={`${movieCount} movies`}
            onClick={() => toggle(name)}
          >
            {name}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
