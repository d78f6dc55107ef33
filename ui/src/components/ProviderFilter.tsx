import { PopoverButton } from "./Popover";

/** A multi-select popover of the providers present in a list ("Provider filter, 2 selected"). */
export function ProviderFilter(props: {
  options: string[];
  selected: string[];
  onChange: (providers: string[]) => void;
  nameOf: (id: string) => string;
}) {
  const count = props.selected.length;
  function toggle(provider: string, on: boolean) {
    props.onChange(on ? [...props.selected, provider] : props.selected.filter((p) => p !== provider));
  }
  return (
    <PopoverButton
      ariaLabel={count > 0 ? `Provider filter, ${count} selected` : "Provider filter"}
      groupLabel="Filter by provider"
      active={count > 0}
      disabled={props.options.length === 0}
      content={props.options.map((p) => (
        <label key={p}>
          <input type="checkbox" checked={props.selected.includes(p)} onChange={(e) => toggle(p, e.target.checked)} />
          {props.nameOf(p)}
        </label>
      ))}
      footer={
        <button type="button" className="button link small" disabled={count === 0} onClick={() => props.onChange([])}>
          Clear
        </button>
      }
    >
      Provider{count > 0 && <span className="badge badge-accent">{count}</span>}
    </PopoverButton>
  );
}
