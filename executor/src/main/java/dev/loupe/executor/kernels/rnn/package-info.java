/// Recurrent layers: RNN, GRU, LSTM.
package dev.loupe.executor.kernels.rnn;
