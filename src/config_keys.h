#ifndef SEAL_CONFIG_KEYS_H
#define SEAL_CONFIG_KEYS_H
#endif
