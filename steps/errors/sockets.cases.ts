/**
 * How each condition of features/errors/inventory/sockets.yaml is brought
 * about: socket, socketpair, bind, listen, connect, accept, send and receive
 * calls and the AF_UNIX errors of unix(7).
 */
export {};
