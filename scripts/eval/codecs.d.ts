// The WASM codec builds Cornerstone's loader uses, imported by readImage.ts (their packages ship no types).
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: (module?: { print?: (text: string) => void }) => Promise<unknown>;
  export default factory;
}
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: (module?: { print?: (text: string) => void }) => Promise<unknown>;
  export default factory;
}
