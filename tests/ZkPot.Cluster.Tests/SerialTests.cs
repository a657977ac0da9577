// The tests start whole clusters and prove on every core: run one at a time, so a busy neighbour can neither starve a
// silo's membership probes nor add to the placement-fallback counter another test is reading.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
