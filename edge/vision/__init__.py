"""Vision: bin crops, occupancy, labels and the camera-worker stages that look at frames."""
