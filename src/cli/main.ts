/** Entry point (placeholder until the program registry lands). */
export function main(argv: string[]): void {
  void argv;
}
