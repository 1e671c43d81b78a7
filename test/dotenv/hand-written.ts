/** Hand-written `.env` texts: the cases the README and the issue name, read by every oracle too. */
export const HAND_WRITTEN: Record<string, string> = {
  inlineComment: 'SECURE_SSL_REDIRECT=True # on\nDEBUG=False#off\n',
  multiline: 'PRIVATE_KEY="-----BEGIN KEY-----\nAAAA\n-----END KEY-----"\nNEXT=1\n',
  interpolation: "export A=1\nB=${A}-x\nC='${A}'\nD = spaced \nE=\n",
  composeStyle: 'DEBUG: "false"\nexport ALLOWED_HOSTS=*\nSECRET_KEY=$$ecret\n',
  crlf: 'DEBUG=True\r\nSECRET_KEY="a b"\r\n',
};
