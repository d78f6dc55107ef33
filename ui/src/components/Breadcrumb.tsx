import { links } from "../router";

/** "Endpoints / <current page>" above a page under the endpoints list. */
export function Breadcrumb(props: { current?: string }) {
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <a href={links.endpoints}>Endpoints</a>
      {props.current && (
        <>
          <span aria-hidden="true"> / </span>
          <span aria-current="page">{props.current}</span>
        </>
      )}
    </nav>
  );
}
