// The ribbon's function file (manifest FunctionFile): the button only opens the task pane, so this page just
// tells Office it is ready.
void Office.onReady();
