/** The `./App` the React samples render. */
export function App() {
  return null
}
