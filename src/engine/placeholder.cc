// Placeholder so the engine library has a translation unit until the engine lands.
namespace delta::engine_internal { int placeholder = 0; }
