package dev.clearance;

/** Which way the data flows: to a model ({@link #REQUEST}) or back from it ({@link #RESPONSE}). */
public enum Direction {
    /** What is sent to the model: prompts, system messages, retrieved documents, tool results. */
    REQUEST,
    /** What the model sends back: its answer, streamed or whole, before the user or a tool sees it. */
    RESPONSE
}
