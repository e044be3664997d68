// ZeroMQ (Debian: libzmq3-dev), the transport of the Jupyter kernel's five sockets.
#ifndef MFSH_CZMQ_SHIM_H
#define MFSH_CZMQ_SHIM_H
#include <zmq.h>
#endif
