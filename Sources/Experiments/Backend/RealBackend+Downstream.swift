import Foundation
import Regressors
import TSNE

/// Figs 8/12 regressors and figs 9/10 t-SNE on the Regressors and TSNE modules.
extension RealBackend {
    public func fitRegressorTrial(_ request: RegressorTrialRequest) throws -> TrialOutcome {
        let d = request.dimension
        var trainX = try FeatureMatrix(rows: request.trainY.count, columns: d, values: request.trainX.map(Double.init))
        var testX = try FeatureMatrix(rows: request.testY.count, columns: d, values: request.testX.map(Double.init))
        if request.standardise {
            var scaler = StandardScaler()
            trainX = try scaler.fitTransform(trainX)
            testX = try scaler.transform(testX)
        }
        let predictions: [Double]
        var extra: [String: Double] = [:]
        switch request.regressor {
        case .linear:
            var model = LinearRegression()
            try model.fit(trainX, request.trainY)
            predictions = try model.predict(testX)
            extra["rank"] = Double(model.rank)
        case .mlp:
            let s = request.settings
            let config = MLPConfiguration(hiddenLayerSizes: [s.mlpHidden], learningRate: s.mlpLearningRate, alpha: s.mlpAlpha,
                                          maxIterations: s.mlpMaxIterations, tolerance: s.mlpTolerance,
                                          iterationsWithoutChange: s.mlpNoChangeIterations,
                                          flushSubnormals: s.mlpFlushSubnormals ?? false)
            var model = MLPRegressor(configuration: config, seed: request.seeds.path("mlp"))
            try model.fit(trainX, request.trainY)
            predictions = try model.predict(testX)
            extra["iterations"] = Double(model.iterations)
        }
        return TrialOutcome(mae: try meanAbsoluteError(request.testY, predictions), extra: extra)
    }

    public func tsne(_ request: TSNERequest) throws -> TSNEPoints {
        var config = TSNEConfiguration(perplexity: request.settings.perplexity)
        config.maxIterations = request.settings.iterations
        config.angle = request.settings.theta
        config.method = request.settings.theta == 0 ? .exact : .automatic
        config.threads = 1 // the runner runs work items side by side, one core each
        config.initialisation = request.randomInitialisation ? .random : .pca
        let result = try TSNE(config).embed(flat: request.points.map(Double.init), dimensions: request.dimension,
                                            seed: request.seeds.path("tsne"))
        return TSNEPoints(rows: request.rows, x: result.embedding.map { $0[0] }, y: result.embedding.map { $0[1] },
                          perplexity: result.perplexity, klDivergence: result.klDivergence)
    }
}
