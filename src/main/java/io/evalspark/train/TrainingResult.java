package io.evalspark.train;

/**
 * A finished training run.
 *
 * @param model the trained model (with the best epoch's weights where those were restored)
 * @param history every epoch's losses and metrics
 * @param data what was read: rows kept, split off and refused
 */
public record TrainingResult(TrainedModel model, History history, DataSummary data) {}
