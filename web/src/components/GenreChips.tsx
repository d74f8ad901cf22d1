export function GenreChips({ genres }: { genres: readonly string[] }) {
  if (genres.length === 0) return <span className="muted">No genres listed</span>;
  return (
    <ul className="chips" aria-label="Genres">
      {genres.map((g) => (
        <li key={g} className="chip">
          {g}
        </li>
      ))}
    </ul>
  );
}
