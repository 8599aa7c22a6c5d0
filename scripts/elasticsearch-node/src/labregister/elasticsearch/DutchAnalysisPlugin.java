package labregister.elasticsearch;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * The "dutch" analyzer. Elasticsearch ships it in its analysis-common module, which is not
 * published on Maven Central for 8.x; this registers the same Lucene DutchAnalyzer under the
 * same name.
 */
public class DutchAnalysisPlugin extends Plugin implements AnalysisPlugin {
    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("dutch", (indexSettings, environment, name, settings) ->
            new AbstractIndexAnalyzerProvider<DutchAnalyzer>(name, settings) {
                private final DutchAnalyzer analyzer = new DutchAnalyzer();

                @Override
                public DutchAnalyzer get() {
                    return analyzer;
                }
            });
    }
}
