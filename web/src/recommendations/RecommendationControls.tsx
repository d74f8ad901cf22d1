import { useEffect, useId, useState } from "react";
import { GenrePicker } from "../components/GenrePicker";
import { Segmented } from "../components/Segmented";
import { YearRange } from "../components/YearRange";
import { useDebounced } from "../lib/useDebounced";
import type { RecommendationSettings } from "./recommendation-settings";
import { STRATEGY_OPTIONS } from "./strategies";

interface Props {
  value: RecommendationSettings;
  onChange: (settings: RecommendationSettings) => void;
}

export function RecommendationControls({ value, onChange }: Props) {
  const sliderId = useId();
  // The slider moves freely; the list is asked for once it rests, not for every step of a drag.
  const [diversity, setDiversity] = useState(value.diversity);
  const settled = useDebounced(diversity, 300);
  useEffect(() => {
    if (settled !== value.diversity) onChange({ ...value, diversity: settled });
  }, [settled, value, onChange]);
  const hint = STRATEGY_OPTIONS.find((o) => o.value === value.strategy)?.hint;

  return (
    <div className="controls">
      <Segmented legend="Model" name="strategy" options={STRATEGY_OPTIONS} value={value.strategy} onChange={(strategy) => onChange({ ...value, strategy })} />
      <p className="muted small">{hint}.</p>
      <details className="filters-disclosure">
        <summary>Filters and diversity</summary>
        <div className="filters">
          <GenrePicker legend="Only these genres (any of)" selected={value.genres} onChange={(genres) => onChange({ ...value, genres })} />
          <YearRange value={value.years} onChange={(years) => onChange({ ...value, years })} />
          <div className="slider">
            <label className="field-label" htmlFor={sliderId}>
              Diversity <output htmlFor={sliderId}>{diversity === 0 ? "off" : diversity.toFixed(1)}</output>
            </label>
            <input
              id={sliderId}
              type="range"
              min={0}
              max={1}
              step={0.1}
              value={diversity}
              aria-describedby={`${sliderId}-hint`}
              onChange={(e) => setDiversity(Number(e.target.value))}
            />
            <p id={`${sliderId}-hint`} className="muted small">
              Higher values trade a little relevance for movies less alike each other.
            </p>
          </div>
        </div>
      </details>
    </div>
  );
}
