/** evalspark's metrics in MLlib's model selection. */
package io.evalspark.ml;
