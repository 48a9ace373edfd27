import { createRoot } from "react-dom/client";
import { startHost } from "../host/startHost";
import { App } from "./App";

// Office.js loads first (taskpane.html); the pane renders once Office says which host this is.
void startHost().then((host) => {
  createRoot(document.getElementById("root")!).render(<App host={host} now={() => new Date()} />);
});
