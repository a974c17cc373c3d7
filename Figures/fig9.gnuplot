# Redraws fig9 from fig9.csv (columns: panel,kind,series,key,x,y,z).
# Run in the folder holding the CSV:  gnuplot -e "outfile='fig9-gnuplot.png'" fig9.gnuplot
# Differences from the Cairo figure: box plots are vertical and use gnuplot's quartiles;
# paired-trial lines are not drawn; dots are jittered with gnuplot's rand(0) (fixed default seed).
if (!exists("outfile")) outfile = "fig9-gnuplot.png"
set terminal pngcairo size 798,465 font "DejaVu Sans,8" noenhanced
set output outfile
set datafile separator comma
data = "fig9.csv"
set multiplot layout 1,2 title "t-SNE of test-set crystal vectors, coloured by metal + halogen"

# panel (a)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill solid 1.0 noborder
set key top right font ",7" opaque
set title "(a) Both tasks · untrained encoder"
set xlabel "t-SNE 1"; set ylabel "t-SNE 2"
unset xtics
unset ytics
set xrange [-28.549632391771446:28.164626085163185]; set yrange [-24.080552438136483:27.232348088613907]
plot data using ((strcol(1) eq "a" && strcol(2) eq "point" && strcol(3) eq "other") ? $5 : 1/0):6 with points pt 7 ps 0.3 lc rgb "#b0b0b0" title "other", \
     data using ((strcol(1) eq "a" && strcol(2) eq "point" && strcol(3) eq "metal + halogen") ? $5 : 1/0):6 with points pt 7 ps 0.3 lc rgb "#d55e00" title "metal + halogen"

# panel (b)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill solid 1.0 noborder
set key off
set title "(b) Both tasks · DIM encoder"
set xlabel "t-SNE 1"; set ylabel "t-SNE 2"
unset xtics
unset ytics
set xrange [-24.53404128251181:23.137552618035023]; set yrange [-21.809120255684814:21.322321844809938]
plot data using ((strcol(1) eq "b" && strcol(2) eq "point" && strcol(3) eq "other") ? $5 : 1/0):6 with points pt 7 ps 0.3 lc rgb "#b0b0b0" notitle, \
     data using ((strcol(1) eq "b" && strcol(2) eq "point" && strcol(3) eq "metal + halogen") ? $5 : 1/0):6 with points pt 7 ps 0.3 lc rgb "#d55e00" notitle

unset multiplot
set output
