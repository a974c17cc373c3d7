import Plotting

/// Display names, units and colours shared by the paper figures.
enum FigureVocabulary {
    /// Tasks in the paper's row order; unknown tasks follow in name order.
    static func orderedTasks(_ tasks: Set<String>) -> [String] {
        ["e_form", "gap"].filter(tasks.contains) + tasks.subtracting(["e_form", "gap"]).sorted()
    }

    static func taskName(_ task: String) -> String {
        switch task { case "e_form": return "Formation energy"; case "gap": return "Band gap"; default: return task }
    }

    /// Unit of the task's label and MAE.
    static func unit(_ task: String) -> String {
        switch task { case "e_form": return "eV/atom"; case "gap": return "eV"; default: return "" }
    }

    static func maeLabel(_ task: String) -> String {
        let u = unit(task)
        return u.isEmpty ? "test MAE" : "test MAE (\(u))"
    }

    static func propertyLabel(_ task: String) -> String {
        switch task {
        case "e_form": return "formation energy (eV/atom)"
        case "gap": return "band gap (eV)"
        default: return task
        }
    }

    static func otherTask(_ task: String) -> String {
        switch task { case "e_form": return "gap"; case "gap": return "e_form"; default: return "other task" }
    }

    /// Box label of an arm (task needed for the transfer source).
    static func armLabel(_ arm: String, task: String) -> String {
        switch arm {
        case ArmID.random: return "random init"
        case ArmID.dim: return "DIM init"
        case ArmID.transfer: return "from \(otherTask(task)) model"
        case ArmID.linearUntrained: return "linear · untrained"
        case ArmID.linearDIM: return "linear · DIM"
        case ArmID.mlpUntrained: return "MLP · untrained"
        case ArmID.mlpDIM: return "MLP · DIM"
        case ArmID.mlpOFM: return "MLP · OFM"
        case ArmID.mlpXRD: return "MLP · XRD"
        case ArmID.linearOFM: return "linear · OFM"
        case ArmID.linearXRD: return "linear · XRD"
        case ArmID.linearDIMNoSynthetic: return "linear · DIM no-synth"
        case ArmID.mlpDIMNoSynthetic: return "MLP · DIM no-synth"
        default: return arm
        }
    }

    /// One colour per representation / initialisation, the same in every figure.
    static func armColor(_ arm: String) -> Color {
        switch arm {
        case ArmID.random, ArmID.linearUntrained, ArmID.mlpUntrained: return Palette.grey
        case ArmID.dim, ArmID.linearDIM, ArmID.mlpDIM: return Palette.blue
        case ArmID.transfer: return Palette.orange
        case ArmID.mlpOFM, ArmID.linearOFM: return Palette.bluishGreen
        case ArmID.mlpXRD, ArmID.linearXRD: return Palette.reddishPurple
        case ArmID.linearDIMNoSynthetic, ArmID.mlpDIMNoSynthetic: return Palette.vermillion
        default: return Palette.black
        }
    }
}
