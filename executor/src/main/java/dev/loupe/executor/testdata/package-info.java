/// Runs folders in the ONNX backend-test layout (`model.onnx`, `test_data_set_N/input_K.pb`,
/// `output_K.pb`) and compares the results with the expected outputs within a [dev.loupe.executor.testdata.Tolerance].
/// The entry point is [dev.loupe.executor.testdata.TestDataRunner#run].
package dev.loupe.executor.testdata;
