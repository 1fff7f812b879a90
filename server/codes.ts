/** Unguessable 6-character game codes (about 1.07e9 combinations, from the OS's CSPRNG). */
import { randomInt } from "node:crypto";
import { CODE_ALPHABET, CODE_LENGTH } from "../shared/index.js";

export function newGameCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function newToken(): string {
  let token = "";
  for (let i = 0; i < 32; i++) token += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return token;
}
