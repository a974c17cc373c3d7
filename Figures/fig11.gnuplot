# Redraws fig11 from fig11.csv (columns: panel,kind,series,key,x,y,z).
# Run in the folder holding the CSV:  gnuplot -e "outfile='fig11-gnuplot.png'" fig11.gnuplot
# Differences from the Cairo figure: box plots are vertical and use gnuplot's quartiles;
# paired-trial lines are not drawn; dots are jittered with gnuplot's rand(0) (fixed default seed).
if (!exists("outfile")) outfile = "fig11-gnuplot.png"
set terminal pngcairo size 1364,603 font "DejaVu Sans,8" noenhanced
set output outfile
set datafile separator comma
data = "fig11.csv"
set multiplot layout 2,4 title "Frozen vectors + MLP vs fine-tuned Site-Net — preview (quick): training cut"

# panel (a)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(a) 50 labels"
set xlabel "Formation energy"
set ylabel "test MAE (eV/atom)"
set xrange [0.5:4.5]
set yrange [0.34071576618481003:0.8174136512352987]
set xtics ("MLP · untrained" 1, "MLP · DIM" 2, "Site-Net · random init" 3, "Site-Net · DIM init" 4) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle

# panel (b)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(b) 100 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:4.5]
set yrange [0.29050674945168353:0.7090702976631219]
set xtics ("MLP · untrained" 1, "MLP · DIM" 2, "Site-Net · random init" 3, "Site-Net · DIM init" 4) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle

# panel (c)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(c) 250 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:4.5]
set yrange [0.24464065268686092:0.518922736695643]
set xtics ("MLP · untrained" 1, "MLP · DIM" 2, "Site-Net · random init" 3, "Site-Net · DIM init" 4) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle

# panel (d)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(d) 1000 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:4.5]
set yrange [0.22817716747721073:0.4520666072069592]
set xtics ("MLP · untrained" 1, "MLP · DIM" 2, "Site-Net · random init" 3, "Site-Net · DIM init" 4) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle

# panel (e)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(e) 50 labels"
set xlabel "Band gap"
set ylabel "test MAE (eV)"
set xrange [0.5:4.5]
set yrange [0.6479404140825789:2.3383288642812183]
set xtics ("MLP · untrained" 1, "MLP · DIM" 2, "Site-Net · random init" 3, "Site-Net · DIM init" 4) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle

# panel (f)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(f) 100 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:4.5]
set yrange [0.6602903164073857:1.718982114705569]
set xtics ("MLP · untrained" 1, "MLP · DIM" 2, "Site-Net · random init" 3, "Site-Net · DIM init" 4) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle

# panel (g)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(g) 250 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:4.5]
set yrange [0.6532368414177199:0.9846766240489984]
set xtics ("MLP · untrained" 1, "MLP · DIM" 2, "Site-Net · random init" 3, "Site-Net · DIM init" 4) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle

# panel (h)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(h) 1000 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:4.5]
set yrange [0.6274063510495863:0.8018667166275476]
set xtics ("MLP · untrained" 1, "MLP · DIM" 2, "Site-Net · random init" 3, "Site-Net · DIM init" 4) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "Site-Net · random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "Site-Net · DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle

unset multiplot
set output
