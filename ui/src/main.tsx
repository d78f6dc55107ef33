import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./styles.css";
import "./styles/controls.css";
import "./styles/create.css";
import "./styles/details.css";
import "./styles/lists.css";
import "./styles/access.css";
import "./styles/usage.css";
import "./styles/budgets.css";
// Last, so that its narrow-screen rules win over the pages' own.
import "./styles/narrow.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
