// Vite's "?raw" suffix imports a file as text; seed.ts reads the demo CSV that way.
declare module '*?raw' {
  const text: string;
  export default text;
}
